package news.pipeline.support.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorAccessTest {

    @Test
    void onlyTheConfiguredBearerTokenMakesAnOperator() {
        OperatorAccess.OperatorTokenFilter filter = new OperatorAccess.OperatorTokenFilter("s3cret-token");

        assertThat(filter.isOperator("Bearer s3cret-token")).isTrue();
        assertThat(filter.isOperator("Bearer  s3cret-token ")).isTrue();
        assertThat(filter.isOperator(null)).isFalse();
        assertThat(filter.isOperator("s3cret-token")).isFalse();
        assertThat(filter.isOperator("Basic s3cret-token")).isFalse();
        assertThat(filter.isOperator("Bearer s3cret-toke")).isFalse();
        assertThat(filter.isOperator("Bearer s3cret-token2")).isFalse();
        assertThat(filter.isOperator("Bearer ")).isFalse();
    }

    @Test
    void withoutATokenConfiguredNobodyIsAnOperator() {
        for (String unset : new String[] {null, "", "  "}) {
            OperatorAccess.OperatorTokenFilter filter = new OperatorAccess.OperatorTokenFilter(unset);
            assertThat(filter.isOperator("Bearer ")).isFalse();
            assertThat(filter.isOperator("Bearer " + unset)).isFalse();
        }
    }
}
