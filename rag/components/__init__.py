"""Pipeline components: retrieval, generation and their runtimes."""
