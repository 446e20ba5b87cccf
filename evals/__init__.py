"""The eval harness: stage rules and checks (the classifier and suites grow in later issues)."""
