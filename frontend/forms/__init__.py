"""Forms of the public site (home.py) and of the community workers' workspace
(workspace.py)."""
