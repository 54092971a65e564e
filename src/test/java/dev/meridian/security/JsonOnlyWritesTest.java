package dev.meridian.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter on its own; {@link SecuredEndpointsTest} runs it in the application with security on. */
class JsonOnlyWritesTest {

    final JsonOnlyWrites filter = new JsonOnlyWrites();

    @ParameterizedTest(name = "{0} {1} with [{2}] -> {3}")
    @CsvSource(nullValues = "none", value = {
            "POST,   /api/v1/dashboards,   text/plain,                        415",
            "POST,   /api/v1/dashboards,   text/plain;charset=UTF-8,          415",
            "POST,   /api/v1/dashboards,   application/x-www-form-urlencoded, 415",
            "POST,   /api/v1/dashboards,   multipart/form-data; boundary=b,   415",
            "POST,   /api/v1/dashboards,   none,                              415",
            "POST,   /api/v1/dashboards,   not a media type,                  415",
            "POST,   /api/v1/dashboards,   application/jsonp,                 415",
            "PUT,    /api/v1/dashboards/a, text/plain,                        415",
            "PATCH,  /api/v1/dashboards/a, none,                              415",
            "DELETE, /api/v1/dashboards/a, text/plain,                        415",
            "DELETE, /api/v1/dashboards/a, none,                              200",
            "POST,   /api/v1/dashboards,   application/json,                  200",
            "POST,   /api/v1/dashboards,   Application/JSON; charset=utf-8,   200",
            "POST,   /api/v1/dashboards,   application/merge-patch+json,      200",
            "GET,    /api/v1/dashboards,   text/plain,                        200",
            "POST,   /login,               application/x-www-form-urlencoded, 200",
            "POST,   /apix,                text/plain,                        200"})
    void refusesNonJsonWritesUnderTheApi(String method, String path, String contentType, int expected) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(expected);
        assertThat(chain.getRequest() != null).as("passed on").isEqualTo(expected == 200);
    }

    @Test
    void refusal_isTheApiErrorShape() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/dashboards");
        request.setContentType("text/plain");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"" + JsonOnlyWrites.MESSAGE + "\"}");
    }
}
