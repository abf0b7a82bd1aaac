package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;

/**
 * The platform's SM2 keys: the device CA (with its self-signed certificate), the log's checkpoint
 * key (named after the log's origin) and the place-code key. Loaded once at start.
 */
public record PlatformKeys(Sm2KeyPair ca, Sm2Certificate caCertificate, CheckpointSigner log, Sm2KeyPair placeCode) {}
