"""Compare stage: align claims across a story's sources and label agree / contradict."""
