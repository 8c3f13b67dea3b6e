package news.pipeline.support.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void anUnreachableRegistryBehindTheSerializerIsTransient() {
        var unavailable = new SchemaRegistryException.Unavailable("registry unreachable", 0, new ConnectException("refused"));
        assertThat(Failures.isTransient(new SerializationException("cannot serialize", unavailable))).isTrue();
    }

    @Test
    void kafkaErrorsTheClientCallsRetriableAreTransientOthersAreNot() {
        assertThat(Failures.isTransient(new TimeoutException("metadata"))).isTrue();
        assertThat(Failures.isTransient(new NotEnoughReplicasException("isr"))).isTrue();
        assertThat(Failures.isTransient(new RecordTooLargeException("too large"))).isFalse();
    }

    @Test
    void ioAnywhereInTheChainIsTransient() {
        assertThat(Failures.isTransient(new IllegalStateException(new UncheckedIOException(new IOException("reset"))))).isTrue();
    }

    @Test
    void aRecordsOwnFaultIsNotTransientAndAPoisonVerdictWinsOverItsCause() {
        assertThat(Failures.isTransient(new IllegalArgumentException("bad date"))).isFalse();
        assertThat(Failures.isTransient(new SchemaRegistryException.NotFound("no such schema id", 40403))).isFalse();
        assertThat(Failures.isTransient(new PoisonRecordException("validate", "no id", new IOException("x")))).isFalse();
    }

    @Test
    void stageAndReasonComeFromOurOwnExceptionElseTheRootCause() {
        Exception wrapped = new RuntimeException("listener failed",
                new PoisonRecordException("deserialize", "not a RawArticle:\nmagic byte 0x7b", null));
        assertThat(Failures.stage(wrapped, "produce")).isEqualTo("deserialize");
        assertThat(Failures.reason(wrapped, 1000)).isEqualTo("not a RawArticle: magic byte 0x7b");

        Exception plain = new RuntimeException("outer", new IllegalStateException("the root"));
        assertThat(Failures.stage(plain, "produce")).isEqualTo("produce");
        assertThat(Failures.reason(plain, 4)).isEqualTo("the …");
        assertThat(Failures.find(plain, IllegalStateException.class)).hasMessage("the root");
    }
}
