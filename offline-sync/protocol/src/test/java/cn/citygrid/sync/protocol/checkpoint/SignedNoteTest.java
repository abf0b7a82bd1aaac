package cn.citygrid.sync.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
    private static final String C2SP_EXAMPLE = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
            + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    @Test
    void parse_c2spExample_splitsTextAndSignature() {
        SignedNote n = SignedNote.parse(C2SP_EXAMPLE);
        assertThat(n.text()).isEqualTo("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
        assertThat(n.signatures()).hasSize(1);
        NoteSignature s = n.signatures().get(0);
        byte[] raw = Base64.getDecoder().decode("Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=");
        assertThat(s.keyName()).isEqualTo("example.com/behind-the-sofa");
        assertThat(s.keyHash()).isEqualTo(ByteBuffer.wrap(raw).getInt());
        assertThat(s.signature()).hasSize(64);
        assertThat(n.format()).isEqualTo(C2SP_EXAMPLE);
    }

    @Test
    void parse_textWithEmptyLines_splitsAtTheLastBlankLine() {
        SignedNote n = SignedNote.parse("a\n\nb\n\n— k AAAAAAE=\n");
        assertThat(n.text()).isEqualTo("a\n\nb\n");
    }

    @Test
    void parse_whenMalformed_failsPrecisely() {
        assertThatThrownBy(() -> SignedNote.parse("a\n— k AAAAAAE=\n"))
                .hasMessage("note: got no blank line followed by newline-terminated signature lines");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n— k AAAAAAE="))
                .hasMessage("note: got no blank line followed by newline-terminated signature lines");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n- k AAAAAAE=\n"))
                .hasMessage("signature line 1: got '- k AAAAAAE=', want '— <key name> <base64>'");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n— k AAAA\n"))
                .hasMessageStartingWith("signature line 1: got 3 bytes of base64");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n— k @@@@\n")).hasMessage("signature line 1: signature is not base64");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n— k+1 AAAAAAE=\n")).hasMessageStartingWith("key name: got 'k+1'");
        assertThatThrownBy(() -> SignedNote.parse("a\n\n— k AAAAAAE= x\n")).hasMessageContaining("want exactly");
        assertThatThrownBy(() -> SignedNote.parse("a\tb\n\n— k AAAAAAE=\n"))
                .hasMessage("note: got control character U+0009 at 1, want none but newline");
        // only the last blank line separates: an earlier "signature" is part of the signed text
        SignedNote n = SignedNote.parse("a\n\n— k AAAAAAE=\n\n— j AAAAAAE=\n");
        assertThat(n.text()).isEqualTo("a\n\n— k AAAAAAE=\n");
        assertThat(n.signatures()).extracting(NoteSignature::keyName).containsExactly("j");
    }

    @Test
    void parse_whenTooManySignatures_fails() {
        String lines = "— k AAAAAAE=\n".repeat(SignedNote.MAX_SIGNATURES + 1);
        assertThatThrownBy(() -> SignedNote.parse("a\n\n" + lines)).hasMessage("note: got 65 signature lines, want at most 64");
        assertThat(SignedNote.parse("a\n\n" + "— k AAAAAAE=\n".repeat(16)).signatures()).hasSize(16);
    }
}
