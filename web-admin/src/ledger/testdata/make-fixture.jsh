// Builds record-fixture.json with the protocol module's own code (offline-sync/protocol), so the
// browser's receipt check is tested against what the Java side produces, not against itself.
// Run from the repository root after `mvn -q install -pl offline-sync/protocol -DskipTests`:
//   B=~/.m2/repository/org/bouncycastle; jshell --class-path \
//     offline-sync/protocol/target/offline-sync-protocol-0.1.0-SNAPSHOT.jar:$B/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar:$B/bcpkix-jdk18on/1.87/bcpkix-jdk18on-1.87.jar:$B/bcutil-jdk18on/1.87/bcutil-jdk18on-1.87.jar \
//     web-admin/src/ledger/testdata/make-fixture.jsh > web-admin/src/ledger/testdata/record-fixture.json
import cn.citygrid.sync.protocol.cert.*;
import cn.citygrid.sync.protocol.checkpoint.*;
import cn.citygrid.sync.protocol.crypto.*;
import cn.citygrid.sync.protocol.merkle.*;
import cn.citygrid.sync.protocol.receipt.*;
import cn.citygrid.sync.protocol.record.*;
import cn.citygrid.sync.protocol.json.*;
import cn.citygrid.sync.protocol.verify.*;
import java.time.*;
import java.util.*;

Instant t0 = Instant.parse("2026-11-27T04:45:07.123Z");
Sm2KeyPair caKeys = Sm2.generateKeyPair();
Sm2Certificate ca = DeviceCertificates.selfSignedCa(caKeys, "CityGrid Device CA", t0.minus(Duration.ofDays(30)), t0.plus(Duration.ofDays(3650)));
Sm2KeyPair phone = Sm2.generateKeyPair();
Sm2Certificate device = DeviceCertificates.issue(caKeys.privateKey(), ca, phone.publicKey(), "phone-fixture-01", "7", t0.minus(Duration.ofDays(1)), t0.plus(Duration.ofDays(730)));
Sm2KeyPair logKeys = Sm2.generateKeyPair();
CheckpointSigner log = new CheckpointSigner("citygrid.local/ledger", logKeys.privateKey());
WitnessCosigner witness = new WitnessCosigner("citygrid.local/witness", Sm2.generateKeyPair().privateKey());

List<LogEntry> entries = new ArrayList<>();
for (int i = 0; i < 5; i++) {
  Map<String, Object> payload = new LinkedHashMap<>();
  payload.put("clientId", UuidV7.generate());
  payload.put("houseId", String.valueOf(100 + i));
  payload.put("note", "入户走访 #" + i + " — “引号” \u00e9 😀");
  payload.put("area", 86.5);
  payload.put("members", List.of(Map.of("relation", "02", "age", 39), Map.of("relation", "20", "age", 3)));
  List<AttachmentRef> files = List.of(new AttachmentRef("p1.jpg", "image/jpeg", 12345, Sm3.hex(new byte[] {1, 2, 3})));
  RecordEnvelope e = RecordEnvelope.sign(phone.privateKey(), "phone-fixture-01", phone.publicKey().keyId(), new FormRef("household-visit", "2026112701"), t0.plusSeconds(i), payload, files);
  entries.add(new LogEntry(e, t0.plusSeconds(60 + i)));
}
InMemoryNodeStore store = new InMemoryNodeStore();
MerkleAppender tree = new MerkleAppender(TreeHasher.SM3);
for (LogEntry e : entries) { store.putAll(tree.append(e.leafHash(TreeHasher.SM3)).newNodes()); }
String signed = log.sign(Checkpoint.of("citygrid.local/ledger", 5, tree.root(), t0.plusSeconds(120)));
String note = witness.cosign(signed, log.verifier(), t0.plusSeconds(121));
int index = 3;
Receipt receipt = new Receipt(entries.get(index).record().recordId(), index, MerkleProofs.inclusion(TreeHasher.SM3, store, index, 5), note);
receipt.verify(entries.get(index), log.verifier(), List.of(witness.verifier()));
AuditBundle bundle = AuditBundle.of(entries.get(index), device, ca, receipt, log.verifier(), List.of(witness.verifier()), Optional.empty());
Map<String, Object> out = new LinkedHashMap<>();
out.put("comment", "made by make-fixture.jsh with offline-sync/protocol; receipt.verify passed in Java");
out.put("bundle", bundle.toJsonMap());
out.put("logKey", Map.of("keyName", "citygrid.local/ledger", "publicKey", logKeys.publicKey().toPem()));
System.out.println(Jcs.canonicalize(out));
/exit
