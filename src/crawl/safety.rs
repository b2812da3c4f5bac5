//! Keeping the crawler from being turned against its user's network: a
//! host that resolves to a private, loopback or link-local address is
//! refused unless the source's own configured URLs name it (so a public page
//! cannot make the crawler probe the local network).

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Whether the IANA special-purpose registries say a block is globally
/// reachable ("Globally Reachable" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// True: a public address.
    Global,
    /// False: never on the public internet.
    Local,
    /// N/A (deprecated or transition blocks): refused, to be safe.
    NotApplicable,
}

/// One block of a special-purpose address registry; the address as bits
/// (IPv4 in the low 32).
struct Block {
    first: u128,
    prefix: u8,
    name: &'static str,
    reach: Reach,
}

const fn v4(a: u8, b: u8, c: u8, d: u8, prefix: u8, name: &'static str, reach: Reach) -> Block {
    Block { first: Ipv4Addr::new(a, b, c, d).to_bits() as u128, prefix, name, reach }
}

const fn v6(segments: [u16; 8], prefix: u8, name: &'static str, reach: Reach) -> Block {
    let [a, b, c, d, e, f, g, h] = segments;
    Block { first: Ipv6Addr::new(a, b, c, d, e, f, g, h).to_bits(), prefix, name, reach }
}

use Reach::{Global, Local, NotApplicable};

// No well-kept crate under an allowed licence encodes these registries
// (std's `is_global` is unstable), so they are written out here.

/// The IANA IPv4 Special-Purpose Address Registry (RFC 6890), complete as
/// of its 2024 revision, plus multicast (224.0.0.0/4, RFC 5771), which that
/// registry leaves to its own. The most specific block containing an
/// address decides.
const IPV4_SPECIAL: &[Block] = &[
    v4(0, 0, 0, 0, 8, "\"This network\"", Local),
    v4(0, 0, 0, 0, 32, "\"This host on this network\"", Local),
    v4(10, 0, 0, 0, 8, "Private-Use", Local),
    v4(100, 64, 0, 0, 10, "Shared Address Space", Local),
    v4(127, 0, 0, 0, 8, "Loopback", Local),
    v4(169, 254, 0, 0, 16, "Link Local", Local),
    v4(172, 16, 0, 0, 12, "Private-Use", Local),
    v4(192, 0, 0, 0, 24, "IETF Protocol Assignments", Local),
    v4(192, 0, 0, 0, 29, "IPv4 Service Continuity Prefix", Local),
    v4(192, 0, 0, 8, 32, "IPv4 dummy address", Local),
    v4(192, 0, 0, 9, 32, "Port Control Protocol Anycast", Global),
    v4(192, 0, 0, 10, 32, "Traversal Using Relays around NAT Anycast", Global),
    v4(192, 0, 0, 170, 32, "NAT64/DNS64 Discovery", Local),
    v4(192, 0, 0, 171, 32, "NAT64/DNS64 Discovery", Local),
    v4(192, 0, 2, 0, 24, "Documentation (TEST-NET-1)", Local),
    v4(192, 31, 196, 0, 24, "AS112-v4", Global),
    v4(192, 52, 193, 0, 24, "AMT", Global),
    v4(192, 88, 99, 0, 24, "Deprecated (6to4 Relay Anycast)", NotApplicable),
    v4(192, 168, 0, 0, 16, "Private-Use", Local),
    v4(192, 175, 48, 0, 24, "Direct Delegation AS112 Service", Global),
    v4(198, 18, 0, 0, 15, "Benchmarking", Local),
    v4(198, 51, 100, 0, 24, "Documentation (TEST-NET-2)", Local),
    v4(203, 0, 113, 0, 24, "Documentation (TEST-NET-3)", Local),
    v4(224, 0, 0, 0, 4, "Multicast (RFC 5771)", Local),
    v4(240, 0, 0, 0, 4, "Reserved", Local),
    v4(255, 255, 255, 255, 32, "Limited Broadcast", Local),
];

/// The IANA IPv6 Special-Purpose Address Registry (RFC 6890), complete as
/// of its 2025 revision, plus multicast (ff00::/8, RFC 4291). Addresses
/// outside the global unicast space 2000::/3 (IANA IPv6 Address Space
/// registry) are refused whether listed here or not.
const IPV6_SPECIAL: &[Block] = &[
    v6([0, 0, 0, 0, 0, 0, 0, 1], 128, "Loopback Address", Local),
    v6([0, 0, 0, 0, 0, 0, 0, 0], 128, "Unspecified Address", Local),
    v6([0, 0, 0, 0, 0, 0xffff, 0, 0], 96, "IPv4-mapped Address", Local),
    v6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, "IPv4-IPv6 Translat.", Global),
    v6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "IPv4-IPv6 Translat.", Local),
    v6([0x100, 0, 0, 0, 0, 0, 0, 0], 64, "Discard-Only Address Block", Local),
    v6([0x100, 0, 0, 1, 0, 0, 0, 0], 64, "Dummy IPv6 Prefix", Local),
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, "IETF Protocol Assignments", Local),
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 32, "TEREDO", NotApplicable),
    v6([0x2001, 1, 0, 0, 0, 0, 0, 1], 128, "Port Control Protocol Anycast", Global),
    v6([0x2001, 1, 0, 0, 0, 0, 0, 2], 128, "Traversal Using Relays around NAT Anycast", Global),
    v6([0x2001, 1, 0, 0, 0, 0, 0, 3], 128, "DNS-SD Service Registration Protocol Anycast", Global),
    v6([0x2001, 2, 0, 0, 0, 0, 0, 0], 48, "Benchmarking", Local),
    v6([0x2001, 3, 0, 0, 0, 0, 0, 0], 32, "AMT", Global),
    v6([0x2001, 4, 0x112, 0, 0, 0, 0, 0], 48, "AS112-v6", Global),
    v6([0x2001, 0x10, 0, 0, 0, 0, 0, 0], 28, "Deprecated (previously ORCHID)", NotApplicable),
    v6([0x2001, 0x20, 0, 0, 0, 0, 0, 0], 28, "ORCHIDv2", Global),
    v6([0x2001, 0x30, 0, 0, 0, 0, 0, 0], 28, "Drone Remote ID Protocol Entity Tags (DETs) Prefix", Global),
    v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, "Documentation", Local),
    v6([0x2002, 0, 0, 0, 0, 0, 0, 0], 16, "6to4", NotApplicable),
    v6([0x2620, 0x4f, 0x8000, 0, 0, 0, 0, 0], 48, "Direct Delegation AS112 Service", Global),
    v6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, "Documentation", Local),
    v6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, "Segment Routing (SRv6) SIDs", Local),
    v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "Unique-Local", Local),
    v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "Link-Local Unicast", Local),
    v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "Multicast (RFC 4291)", Local),
];

/// The most specific block of `table` holding `addr`, an address `bits`
/// wide.
fn most_specific(table: &'static [Block], addr: u128, bits: u32) -> Option<&'static Block> {
    table
        .iter()
        .filter(|b| addr & u128::MAX.checked_shl(bits - u32::from(b.prefix)).unwrap_or(0) == b.first)
        .max_by_key(|b| b.prefix)
}

fn v4_block(ip: Ipv4Addr) -> Option<&'static Block> {
    most_specific(IPV4_SPECIAL, u128::from(ip.to_bits()), 32)
}

fn v6_block(ip: Ipv6Addr) -> Option<&'static Block> {
    most_specific(IPV6_SPECIAL, ip.to_bits(), 128)
}

/// Whether an IPv4 address is on the public internet: globally reachable
/// by the special-purpose registry, or in no block of it.
fn is_public_v4(ip: Ipv4Addr) -> bool {
    v4_block(ip).is_none_or(|b| b.reach == Global)
}

/// The IPv4 address an IPv6 address stands for: IPv4-mapped (`::ffff:0:0/96`)
/// and NAT64 (`64:ff9b::/96`, RFC 6052) addresses reach the IPv4 address in
/// their last 32 bits, so they are judged as that address.
fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = ip.to_bits();
    let prefix = bits >> 32;
    let mapped = Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, 0, 0).to_bits() >> 32;
    let nat64 = Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0).to_bits() >> 32;
    // Truncation keeps exactly the low 32 bits, the embedded address.
    (prefix == mapped || prefix == nat64).then(|| Ipv4Addr::from_bits(bits as u32))
}

/// Whether an IPv6 address is on the public internet: in 2000::/3 and
/// globally reachable by the special-purpose registry, or in no block of it.
fn is_public_v6(ip: Ipv6Addr) -> bool {
    let global_unicast = ip.segments()[0] & 0xe000 == 0x2000;
    global_unicast && v6_block(ip).is_none_or(|b| b.reach == Global)
}

/// Whether an address is on the public internet. Judged by the IANA IPv4
/// and IPv6 Special-Purpose Address Registries (the tables above): private,
/// loopback, link-local, shared, documentation, benchmarking, reserved,
/// multicast and the like are not; IPv6 outside 2000::/3 is not; IPv4-mapped
/// and well-known-prefix NAT64 (`64:ff9b::/96`) addresses are judged as the
/// IPv4 address they embed; the local-use NAT64 prefix `64:ff9b:1::/48`
/// (not globally reachable) is refused outright.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match embedded_ipv4(v6) {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

/// The registry name of the special-purpose block an address is in, if any.
pub fn special_block(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_block(v4).map(|b| b.name),
        IpAddr::V6(v6) => v6_block(v6).map(|b| b.name),
    }
}

/// A host refused because it is, or resolves only to, a non-public address
/// its source does not trust. The resolver fails with it, so the fetcher
/// can tell a refusal from other connection errors by type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{host} is a private, loopback or link-local address: refused (only hosts of the source's own configured URLs may be)"
)]
pub struct Refused {
    pub host: String,
}

impl Refused {
    pub fn new(host: &str) -> Refused {
        Refused { host: host.to_string() }
    }

    /// The refusal in an error or its chain of sources, if there is one.
    pub fn find<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
        let mut next = Some(e);
        while let Some(err) = next {
            if let Some(refused) = err.downcast_ref::<Refused>() {
                return Some(refused);
            }
            next = err.source();
        }
        None
    }
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
                return Err(Refused::new(&host).into());
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

    /// Asserts each address's verdict, with its block's name in the message.
    fn judge(cases: &[(&str, bool)]) {
        for (a, public) in cases {
            let ip: IpAddr = a.parse().unwrap();
            assert_eq!(is_public(ip), *public, "{a} ({:?})", special_block(ip));
        }
    }

    #[test]
    fn nat64_is_judged_by_the_ipv4_address_it_embeds() {
        judge(&[
            ("64:ff9b::7f00:1", false),
            ("64:ff9b::a00:1", false),
            ("64:ff9b::a9fe:a9fe", false),
            ("64:ff9b::808:808", true),
            ("64:ff9b::c633:6401", false),
            // Just outside the /96: reserved IPv6 space.
            ("64:ff9b::1:0:0", false),
            ("64:ff9a:ffff:ffff:ffff:ffff:808:808", false),
            ("64:ff9b:1::808:808", false),
            ("::ffff:8.8.8.8", true),
            ("::ffff:192.168.0.1", false),
            ("::ffff:198.18.0.1", false),
        ]);
    }

    #[test]
    fn documentation_benchmarking_and_reserved_blocks_both_sides_of_their_bounds() {
        judge(&[
            ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", true),
            ("2001:db8::", false),
            ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("2001:db9::", true),
            ("198.17.255.255", true),
            ("198.18.0.0", false),
            ("198.19.255.255", false),
            ("198.20.0.0", true),
            ("223.255.255.255", true),
            ("224.0.0.0", false),
            ("239.255.255.255", false),
            ("240.0.0.0", false),
            ("254.255.255.255", false),
            ("255.255.255.254", false),
            ("255.255.255.255", false),
            ("3ffe:ffff::1", true),
            ("3fff::1", false),
            ("3fff:fff::1", false),
            ("3fff:1000::1", true),
        ]);
    }

    #[test]
    fn every_ipv4_block_of_the_registry() {
        judge(&[
            ("0.255.255.255", false),
            ("1.0.0.0", true),
            ("9.255.255.255", true),
            ("10.0.0.0", false),
            ("10.255.255.255", false),
            ("11.0.0.0", true),
            ("100.63.255.255", true),
            ("100.64.0.0", false),
            ("100.127.255.255", false),
            ("100.128.0.0", true),
            ("126.255.255.255", true),
            ("127.255.255.255", false),
            ("128.0.0.0", true),
            ("169.253.255.255", true),
            ("169.254.0.0", false),
            ("169.254.255.255", false),
            ("169.255.0.0", true),
            ("172.15.255.255", true),
            ("172.16.0.0", false),
            ("172.31.255.255", false),
            ("172.32.0.0", true),
            ("191.255.255.255", true),
            ("192.0.0.0", false),
            ("192.0.0.8", false),
            ("192.0.0.9", true),
            ("192.0.0.10", true),
            ("192.0.0.11", false),
            ("192.0.0.170", false),
            ("192.0.0.171", false),
            ("192.0.0.255", false),
            ("192.0.1.0", true),
            ("192.0.2.0", false),
            ("192.0.2.255", false),
            ("192.0.3.0", true),
            ("192.31.196.1", true),
            ("192.52.193.1", true),
            ("192.88.98.255", true),
            ("192.88.99.1", false),
            ("192.88.100.0", true),
            ("192.167.255.255", true),
            ("192.168.0.0", false),
            ("192.168.255.255", false),
            ("192.169.0.0", true),
            ("192.175.48.1", true),
            ("198.51.99.255", true),
            ("198.51.100.0", false),
            ("198.51.100.255", false),
            ("198.51.101.0", true),
            ("203.0.112.255", true),
            ("203.0.113.0", false),
            ("203.0.113.255", false),
            ("203.0.114.0", true),
        ]);
    }

    #[test]
    fn every_ipv6_block_of_the_registry() {
        judge(&[
            ("::", false),
            ("::1", false),
            ("::2", false),
            ("::808:808", false),
            ("100::", false),
            ("100::ffff:ffff:ffff:ffff", false),
            ("100:0:0:1::1", false),
            ("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("2000::1", true),
            ("2001::1", false),
            ("2001:0:ffff::1", false),
            ("2001:1::1", true),
            ("2001:1::2", true),
            ("2001:1::3", true),
            ("2001:1::4", false),
            ("2001:2::1", false),
            ("2001:2:0:ffff::1", false),
            ("2001:2:1::1", false),
            ("2001:3::1", true),
            ("2001:3:ffff::1", true),
            ("2001:4:112::1", true),
            ("2001:4:113::1", false),
            ("2001:10::1", false),
            ("2001:1f:ffff::1", false),
            ("2001:20::1", true),
            ("2001:2f:ffff::1", true),
            ("2001:30::1", true),
            ("2001:3f:ffff::1", true),
            ("2001:40::1", false),
            ("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("2001:200::1", true),
            ("2002::1", false),
            ("2002:ffff:ffff::1", false),
            ("2003::1", true),
            ("2620:4f:8000::1", true),
            ("2606:4700:4700::1111", true),
            ("5f00::1", false),
            ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("fc00::1", false),
            ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("fe80::1", false),
            ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false),
            ("fec0::1", false),
            ("ff02::1", false),
        ]);
    }

    #[test]
    fn blocks_carry_their_registry_names() {
        assert_eq!(special_block("198.18.0.1".parse().unwrap()), Some("Benchmarking"));
        assert_eq!(special_block("192.0.0.9".parse().unwrap()), Some("Port Control Protocol Anycast"));
        assert_eq!(special_block("2001::1".parse().unwrap()), Some("TEREDO"));
        assert_eq!(special_block("64:ff9b::1".parse().unwrap()), Some("IPv4-IPv6 Translat."));
        assert_eq!(special_block("8.8.8.8".parse().unwrap()), None);
    }
}
