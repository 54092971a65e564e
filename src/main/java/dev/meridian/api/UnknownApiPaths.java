package dev.meridian.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paths under {@code /api} and {@code /jaeger} that no controller serves answer 404 with the JSON error of
 * {@link ApiErrors}, instead of reaching the UI's catch-all (Vaadin answers every path with its HTML page, 200).
 *
 * <p>A handler mapping ordered just before Vaadin's ({@code Integer.MAX_VALUE - 1}) and after the controllers:
 * a known path with a wrong method still gets its 405 from the controllers' mapping.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {

    static final int ORDER = Integer.MAX_VALUE - 2;

    @Bean
    SimpleUrlHandlerMapping unknownApiPathMapping() {
        JsonMapper json = JsonMapper.builder().build();
        HttpRequestHandler notFound = (HttpServletRequest request, HttpServletResponse response) -> notFound(json, request, response);
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
                Map.of("/api", notFound, "/api/**", notFound, "/jaeger", notFound, "/jaeger/**", notFound), ORDER);
        return mapping;
    }

    private static void notFound(JsonMapper json, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String path = ApiParameters.abbreviate(request.getRequestURI());
        json.writeValue(response.getOutputStream(), Map.of("error", "no API resource at " + request.getMethod() + " " + path));
    }
}
