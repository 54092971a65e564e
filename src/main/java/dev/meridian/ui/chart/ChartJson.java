package dev.meridian.ui.chart;

import tools.jackson.databind.json.JsonMapper;

/** Options to JSON; nulls are left out so a merge does not wipe what an update did not mention. */
final class ChartJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl
                    .withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .withContentInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS))
            .build();

    private ChartJson() {
    }

    static String write(Object option) {
        return MAPPER.writeValueAsString(option);
    }
}
