"""Study tools across the domain layers (no Qt): formulations and key terms of a document."""
