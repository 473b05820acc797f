"""Between the CLI and Manim: render settings, running a scene, writing files atomically, GIF, probing."""
