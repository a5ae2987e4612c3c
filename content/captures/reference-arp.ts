/**
 * ARP lines from the reference article (/work/shared/reference/tcp-ip-through-tcpdump.zh.txt, §6 "网际层ARP"):
 * macOS tcpdump on the phone-and-laptop Wi-Fi network of the article's captures, pasted verbatim. The laptop
 * 10.2.200.11 asks who has 10.2.200.140; the answer names its Ethernet (MAC) address 33 µs later.
 * Shown by the lesson "Sockets and layers"; the TCP lines of the same article are in
 * src/widgets/tcpdump/examples.ts (REFERENCE_HTTP, REFERENCE_RST).
 */
export const REFERENCE_ARP = `09:51:32.966852 ARP, Request who-has 10.2.200.140 tell 10.2.200.11, length 28
09:51:32.966885 ARP, Reply 10.2.200.140 is-at 98:5a:eb:89:a5:7e (oui Unknown), length 28`;
