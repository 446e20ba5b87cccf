"""cvj-planner: plan, draft and check marketing copy for every Customer Value Journey stage."""

__version__ = "0.1.0"
