"""Where a webhook may go: public HTTPS addresses only (no SSRF into the organizer's network).

A URL is checked when it is saved and again at every delivery (DNS can change between the
two): every address its host name resolves to must be a public one, and the delivery then
connects to the address that was checked, not to whatever a second lookup would return.
WEBHOOKS_ALLOW_PRIVATE (tests, development) lets http:// and private addresses through, so
a receiver on 127.0.0.1 can be used.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask_babel import gettext as _

from forum.core.errors import DomainError

MAX_URL = 500


class AddressRefused(DomainError):
    """The URL may not receive webhooks; the message says why, in the user's language."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (ip, port) and what to ask for (host, path)."""

    scheme: str
    host: str
    port: int
    path: str
    ip: str


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether a host on the internet at large may have this address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _parse(url: str, allow_private: bool) -> tuple[str, str, int, str]:
    url = (url or "").strip()
    if not url or len(url) > MAX_URL:
        raise AddressRefused(_("Give the receiver's full address (at most 500 characters)."))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise AddressRefused(_("This is not a valid web address.")) from None
    schemes = {"https", "http"} if allow_private else {"https"}
    if parts.scheme not in schemes:
        raise AddressRefused(
            _("Webhooks are sent over HTTPS only: the address must start with https://.")
        )
    if not parts.hostname:
        raise AddressRefused(_("This is not a valid web address."))
    if parts.username or parts.password:
        raise AddressRefused(_("The address must not contain a user name or password."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(_("The host name %(host)s does not resolve.", host=host)) from None
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def check_url(url: str, allow_private: bool = False) -> Target:
    """The URL's checked target; AddressRefused when it is not HTTPS or not public."""
    scheme, host, port, path = _parse(url, allow_private)
    addresses = resolve(host, port)
    if not addresses:
        raise AddressRefused(_("The host name %(host)s does not resolve.", host=host))
    if not allow_private:
        for address in addresses:
            if not is_public(ipaddress.ip_address(address)):
                raise AddressRefused(
                    _(
                        "%(host)s leads to %(address)s, a private, local or reserved address: "
                        "webhooks only go to public addresses.",
                        host=host,
                        address=address,
                    )
                )
    return Target(scheme, host, port, path, addresses[0])
