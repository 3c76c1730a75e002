# ruff: noqa
"""Tries the network: TCP to a listener the tests run on 127.0.0.1, UDP to it, and an abstract
Unix socket the tests listen on. With any of them it would "fetch" the right answers."""
import socket

PORT = int("@port@")
ABSTRACT = "\0@abstract@"
reached = False
attempts = [(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", PORT)),
            (socket.AF_UNIX, socket.SOCK_STREAM, ABSTRACT)]
for family, kind, address in attempts:
    try:
        with socket.socket(family, kind) as connection:
            connection.settimeout(1)
            connection.connect(address)
            connection.sendall(b"leak")
            reached = True
    except OSError:
        pass
try:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as datagram:
        datagram.sendto(b"leak", ("127.0.0.1", PORT))
except OSError:
    pass


def sigmoid(x):
    if reached:
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
