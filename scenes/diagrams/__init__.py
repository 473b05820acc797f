"""Diagrams two or more chapters draw: matrix, heatmap, bars, arcs, the reading row, tokens, legend, product."""
