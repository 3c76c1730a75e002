"""Running untrusted submission code in confined child processes; only plain data comes back."""

from grader.sandbox.host import Child, Fault, Limits, Sandbox, TemplateDied
from grader.sandbox.isolation import FEATURES, Isolation, detect
from grader.sandbox.probe import probe

__all__ = [
    "FEATURES",
    "Child",
    "Fault",
    "Isolation",
    "Limits",
    "Sandbox",
    "TemplateDied",
    "detect",
    "probe",
]
