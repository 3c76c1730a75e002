"""The SQLite gradebook, a student's own grading history, class statistics and grade exports."""
