"""Renderers: each turns results into one output format and computes nothing itself."""
