"""Coverage per area: which work models are on offer in and near each area, and for what
share of its residents."""
