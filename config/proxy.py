"""The client's address behind a reverse proxy.

gunicorn leaves ``REMOTE_ADDR`` as the proxy's address (it reads ``X-Forwarded-For``
only for the scheme), so behind nginx every visitor would look like 127.0.0.1: one
wrong-password lock (config/login_throttling.py) and one certificate look-up limit
(certificates/ratelimit.py) for the whole province. When the request comes from a proxy
in ``TRUSTED_PROXIES``, ``REMOTE_ADDR`` becomes the right-most address in
``X-Forwarded-For`` that is not itself a trusted proxy; anything a client wrote further
left is ignored, so a client cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def _networks(entries):
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class ForwardedForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = _networks(getattr(settings, "TRUSTED_PROXIES", []))

    def __call__(self, request):
        if self.networks:
            self.rewrite(request)
        return self.get_response(request)

    def rewrite(self, request):
        meta = request.META
        if not _is_trusted(meta.get("REMOTE_ADDR", ""), self.networks):
            return
        hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([hop for hop in hops if hop]):
            if not _is_trusted(hop, self.networks):
                try:
                    meta["REMOTE_ADDR"] = str(ipaddress.ip_address(hop))
                except ValueError:
                    pass  # garbage in the header: keep the proxy's address
                return
