//! Keeping the crawler from being turned against its user's network: a
//! host that resolves to a private, loopback or link-local address is
//! refused unless the source's own configured URLs name it (so a public page
//! cannot make the crawler probe the local network).

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Whether an address is on the public internet (not loopback, private,
/// link-local, unique-local, carrier-grade NAT, multicast or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

/// The message for a refused address.
pub fn refusal(host: &str) -> String {
    format!(
        "{host} is a private, loopback or link-local address: refused (only hosts of the source's own configured URLs may be)"
    )
}

/// A DNS resolver that drops non-public addresses of untrusted hosts.
#[derive(Debug, Clone)]
pub struct SafeResolver {
    /// Lower-case hosts of the source's configured URLs.
    trusted: Arc<HashSet<String>>,
}

impl SafeResolver {
    pub fn new(trusted: &[String]) -> SafeResolver {
        SafeResolver { trusted: Arc::new(trusted.iter().map(|h| h.to_ascii_lowercase()).collect()) }
    }

    /// Whether a host may resolve to a private address.
    pub fn trusts(&self, host: &str) -> bool {
        self.trusted.contains(&host.to_ascii_lowercase())
    }
}

impl Resolve for SafeResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_ascii_lowercase();
        let trusted = self.trusts(&host);
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let usable: Vec<SocketAddr> =
                if trusted { found } else { found.into_iter().filter(|a| is_public(a.ip())).collect() };
            if usable.is_empty() {
                return Err(refusal(&host).into());
            }
            Ok(Box::new(usable.into_iter()) as Addrs)
        })
    }
}

/// Whether a URL names a non-public IP literal its source does not trust
/// (IP literals never reach the resolver).
pub fn refused_ip_literal(url: &url::Url, resolver: &SafeResolver) -> bool {
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        _ => return false,
    };
    !is_public(ip) && !resolver.trusts(url.host_str().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(a.parse().unwrap()), "{a}");
        }
        for a in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(a.parse().unwrap()), "{a}");
        }
    }
}
