"""The course as data: finding exercises and their suites, reading submissions and notebooks,
the course folder, and the points a suite declares. Import-light: no numpy, no pytest."""
