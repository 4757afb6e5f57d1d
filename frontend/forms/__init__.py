"""Forms of the public site (home.py) and of the community workers' workspace: the
activity form (activity.py), its schedule part (schedule.py), the small forms (workspace.py)
and what they share (fields.py)."""
