"""The shared library every chapter scene builds on: base scene, caption, layout, theme, text, transitions."""
