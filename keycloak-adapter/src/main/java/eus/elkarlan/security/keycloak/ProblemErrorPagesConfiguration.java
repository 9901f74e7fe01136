package eus.elkarlan.security.keycloak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Problem details (RFC 9457) for the refusals that happen before any controller runs, where
 * Spring Boot and Tomcat would answer with their own JSON or an HTML page: a URL the security
 * firewall rejects ({@code ..}, {@code ;}, encoded dots), an error forwarded to {@code /error}
 * (a query parameter that is not UTF-8…), and a request Tomcat refuses while parsing it (an
 * encoded slash or NUL, an invalid percent-encoding). Found by the fuzz tests (issue 9).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.boot.webmvc.error.ErrorController")
public class ProblemErrorPagesConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    @ConditionalOnClass(RequestRejectedHandler.class)
    RequestRejectedHandler elkarlanRequestRejectedHandler() {
        return (request, response, ex) -> ProblemResponses.write(request, response, 400, "Bad Request",
                "The request's URL is not acceptable.");
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController elkarlanProblemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * {@code /error} as problem details, without the exception or message Spring Boot could show.
     * Hidden from the OpenAPI document: it is no route of the public API (springdoc hides only
     * Spring Boot's own error controller).
     */
    @Hidden
    @RestController
    static class ProblemErrorController implements ErrorController {

        @RequestMapping("${server.error.path:${error.path:/error}}")
        ResponseEntity<String> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = code instanceof Integer i && i >= 400 ? i : 500;
            HttpStatus known = HttpStatus.resolve(status);
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            String body = ProblemResponses.json(known == null ? "Error" : known.getReasonPhrase(), status,
                    status >= 500 ? "Something went wrong." : "The request cannot be processed as sent.",
                    uri == null ? request.getRequestURI() : uri.toString());
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.apache.catalina.valves.ValveBase",
            "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
    static class TomcatRefusals {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> elkarlanProblemRefusals() {
            return factory -> factory.addEngineValves(new ProblemRefusalValve());
        }
    }

    /**
     * Tomcat calls the engine's pipeline only to report an error it raised while parsing the
     * request (the application never saw it); this first valve writes problem details where
     * Tomcat's error report valve would write an HTML page.
     */
    static class ProblemRefusalValve extends ValveBase {

        ProblemRefusalValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
            if (!response.isErrorReportRequired() || response.isCommitted()) {
                getNext().invoke(request, response);
                return;
            }
            int status = response.getStatus() >= 400 ? response.getStatus() : 400;
            if (!response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String uri = request.getRequestURI();
            try {
                // Tomcat suspends the output once it called sendError; its own report valve lifts that too
                response.setSuspended(false);
                response.resetBuffer();
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(ProblemResponses.json(known == null ? "Error" : known.getReasonPhrase(), status,
                            "The request cannot be processed as sent.", uri == null ? "" : uri));
                    response.finishResponse();
                }
            }
            catch (IOException | IllegalStateException ex) {
                // the connection is gone: nothing left to tell the client
            }
        }
    }
}
