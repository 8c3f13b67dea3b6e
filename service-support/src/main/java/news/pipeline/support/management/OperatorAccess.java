package news.pipeline.support.management;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Who may see the details of the services' health (each dependency, why it is down): the operators, who
 * present {@code Authorization: Bearer <token>} with the token set in {@code MANAGEMENT_OPERATOR_TOKEN}
 * ({@code pipeline.management.operator-token}). The health endpoints show details {@code when-authorized}
 * to the role {@value #ROLE}; everyone else gets the status alone. Without a token configured nobody is an
 * operator, except under the {@code dev} profile, which shows details to all (pipeline.yml).
 *
 * <p>Applied on the management port only (the actuator's child context; on the application port when both are
 * the same), where it only ever adds a principal: no request is refused here.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
public class OperatorAccess {

    public static final String ROLE = "OPERATOR";

    @Bean
    Filter operatorTokenFilter(@Value("${pipeline.management.operator-token:}") String token) {
        return new OperatorTokenFilter(token);
    }

    static final class OperatorTokenFilter implements Filter {

        private static final Principal OPERATOR = () -> "operator";

        private final byte[] token;

        OperatorTokenFilter(String token) {
            this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && isOperator(http.getHeader("Authorization"))) {
                request = new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                        return OPERATOR;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return ROLE.equals(role);
                    }
                };
            }
            chain.doFilter(request, response);
        }

        boolean isOperator(String authorization) {
            if (token == null || authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            // constant time: the comparison tells nothing about how much of a guess was right
            return MessageDigest.isEqual(token, authorization.substring("Bearer ".length()).strip()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
