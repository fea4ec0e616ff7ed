"""Print a new KRaft cluster id: base64url of a random 16-byte UUID, not starting with '-'
(it is a command-line argument of Kafka's StorageTool)."""
import base64
import uuid

while True:
    s = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break
