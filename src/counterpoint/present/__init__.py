"""Present stage: build the versioned Report and render it (terminal, Markdown, JSON, HTML)."""
