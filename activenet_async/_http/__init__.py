"""HTTP: credentials and signing, the per-key rate limiters, the retry policy and the transport
that sends one request through them."""
