"""Container Classroom (容器课堂): start here. ``python main.py --help`` lists the flags."""
import sys

from app.ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
