"""Gentrification sensitivity per area (Bates 2013, adapted; docs/sensitivity.md): the method,
its reads, the stored assessment run and the reasons in words."""
