"""The local schema registry over HTTPS with basic authentication (local-env.sh).

    python3 registry_https.py HOST PORT CERT_AND_KEY_PEM UPSTREAM_URL CREDENTIALS_FILE [-D...]

Terminates TLS (Python's ssl, OpenSSL) with the broker's certificate from the local CA,
requires basic authentication with one of the NAME:PASSWORD lines of CREDENTIALS_FILE, and
forwards every request to the real registry at UPSTREAM_URL (plain HTTP on loopback). Apicurio
itself cannot require authentication on its HTTPS port only: Quarkus' HTTP permissions apply
to every port, and the suite's plain-HTTP clients need no credentials. Arguments starting with
-Dspecmesh. are local-env.sh's process markers and are ignored.
"""
import base64
import http.server
import ssl
import sys
import urllib.error
import urllib.request

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "authorization",
              "content-length"}


def main():
    host, port, cert, upstream, credentials_file = [a for a in sys.argv[1:]
                                                    if not a.startswith("-Dspecmesh.")]
    allowed = set()
    with open(credentials_file) as f:
        for line in f.read().splitlines():
            if line:
                allowed.add("Basic " + base64.b64encode(line.encode()).decode())

    class Forwarder(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30  # seconds a client may stay silent, the TLS handshake included

        def log_message(self, *args):  # no access log: the requests carry credentials
            pass

        def forward(self):
            if self.headers.get("Authorization") not in allowed:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="specmesh local registry"')
                self.send_header("Content-Type", "application/json")
                body = b'{"error_code":401,"message":"Unauthorized"}'
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else None
            request = urllib.request.Request(upstream + self.path, data=data, method=self.command)
            for key, value in self.headers.items():
                if key.lower() not in HOP_BY_HOP:
                    request.add_header(key, value)
            try:
                response = urllib.request.urlopen(request, timeout=60)
            except urllib.error.HTTPError as error:
                response = error
            body = response.read()
            self.send_response(response.status)
            for key, value in response.headers.items():
                if key.lower() not in HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = forward

    server = http.server.ThreadingHTTPServer((host, int(port)), Forwarder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert)
    # The handshake happens on the handler's thread, so a silent client blocks nobody else.
    server.socket = context.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    server.serve_forever()


if __name__ == "__main__":
    main()
