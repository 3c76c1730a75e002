"""Running untrusted submission code in confined child processes; only plain data comes back."""

from grader.sandbox.host import Child, Fault, Limits, Sandbox, TemplateDied
from grader.sandbox.isolation import Isolation, detect

__all__ = ["Child", "Fault", "Isolation", "Limits", "Sandbox", "TemplateDied", "detect"]
