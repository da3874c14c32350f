"""Who is asking: the client's IP address, seen through the configured reverse proxies.

Every rate limit counts per this address (settings.RATELIMIT_IP_META_KEY points here).
X-Forwarded-For is read only when TRUSTED_PROXY_COUNT says how many proxies append to it;
anyone can send the header, so without that setting it is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The right-most address that none of our trusted proxies wrote, else REMOTE_ADDR.

    Each of the N trusted proxies appends the address it was connected from, so the N-th
    entry from the right is what the outermost proxy saw: the client. Entries further left
    came from the client and are not believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-trusted] if len(hops) >= trusted else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
