"""Container Classroom (容器课堂): learn Docker and Kubernetes by watching a real simulation move.

    python main.py                         the app (lessons, sandbox, quiz)
    python main.py --lesson ID --step N --lang en --presenter --speed 2 --fullscreen
    python main.py --screenshot PATH --size 1024x768 [state flags]   a PNG of the window, headless
    python main.py --console               the console language in a terminal
    python main.py --check-lessons [PATH]  validate and play every lesson; check quiz banks
    python main.py --list-events           every engine event kind and its fields
    python main.py --quiz-demo SEED        a generated quiz in the terminal

``python main.py --help`` explains every flag; app/ui/launch.py reads them.
"""
import sys

from app.ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
