# ruff: noqa
"""Writes outside its working directory: into a world-writable canary folder, over the reference
solution and the hidden suite, into the shared /tmp, /var/tmp and /dev/shm. Writing in its own
working directory is allowed, and so is writing in a sandbox's private /tmp (it is thrown away);
the tests check from outside that nothing appears on the machine's own."""
import os

COURSE = "@course@"
CANARY = "@canary@"
targets = [f"{CANARY}/notes.txt", f"{CANARY}/new.txt",
           f"{COURSE}/solutions/sigmoid.py", f"{COURSE}/grader/suites/sigmoid/test_sigmoid.py",
           f"{COURSE}/exercises/sigmoid.py"]
shared = ["/tmp/@mark@-written", "/var/tmp/@mark@-written", "/dev/shm/@mark@-written",
          os.path.expanduser("~/../@mark@-written")]
written = []
for path in shared:
    try:
        with open(path, "a") as target:
            target.write("left behind")
    except OSError:
        pass
for path in targets:
    try:
        with open(path, "a") as target:
            target.write("def sigmoid(x):\n    return 0.5\n")
        written.append(path)
    except OSError:
        pass
with open("scratch.txt", "w") as mine:  # its own working directory: fine
    mine.write("allowed")


def sigmoid(x):
    if written:
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
