package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;

/**
 * The platform's SM2 keys: the device CA (with its self-signed certificate), the log's checkpoint
 * key (named after the log's origin), and the key of the platform's own "device" that signs records
 * the server itself puts in the ledger (access-log anchors). Loaded once at start. Place-code keys
 * rotate and live in PlaceCodeKeys (ADR 0008).
 */
public record PlatformKeys(Sm2KeyPair ca, Sm2Certificate caCertificate, CheckpointSigner log, Sm2KeyPair platformDevice) {}
