"""A tiny web app for the course: one page that greets whoever asks."""
import os
import socket

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    greeting = os.environ.get("GREETING", "Hello").upper()
    return f"{greeting}! (served by {socket.gethostname()}, version 2)\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
