/**
 * Real capture, Linux 6.18 (this project's build machine), 6 December 2026: `tcpdump -i lo -n -tt` in a network
 * namespace (`unshare -n`) where 10.9.9.2 is routed to lo and nothing answers, while Python's socket.connect() to
 * 10.9.9.2:80 ran with the default tcp_syn_retries = 6 and tcp_syn_linear_timeouts = 4. connect() failed with
 * ETIMEDOUT after 134.04 s.
 */
export const UNANSWERED_SYNS = `1796573573.491509 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634427507 ecr 0,nop,wscale 10], length 0
1796573574.511170 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634428527 ecr 0,nop,wscale 10], length 0
1796573575.535201 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634429551 ecr 0,nop,wscale 10], length 0
1796573576.559160 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634430575 ecr 0,nop,wscale 10], length 0
1796573577.583192 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634431599 ecr 0,nop,wscale 10], length 0
1796573578.607217 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634432623 ecr 0,nop,wscale 10], length 0
1796573580.623166 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634434639 ecr 0,nop,wscale 10], length 0
1796573584.655246 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634438671 ecr 0,nop,wscale 10], length 0
1796573592.847156 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634446863 ecr 0,nop,wscale 10], length 0
1796573608.975178 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634462991 ecr 0,nop,wscale 10], length 0
1796573641.999220 IP 0.0.0.0.44350 > 10.9.9.2.80: Flags [S], seq 1382957517, win 65495, options [mss 65495,sackOK,TS val 3634496015 ecr 0,nop,wscale 10], length 0`;
export const UNANSWERED_CONNECT_SECONDS = 134.04;
