package io.movmo.booking.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's {@code Error} envelope: every 4xx and 5xx outside the token endpoint and body validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String message, @JsonProperty("status_code") Integer statusCode, String details) {}
