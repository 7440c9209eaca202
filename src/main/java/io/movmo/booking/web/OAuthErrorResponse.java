package io.movmo.booking.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's {@code OAuthErrorResponse} (RFC 6749 §5.2): every 4xx of the token endpoint, and its upstream 5xx. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthErrorResponse(String error, @JsonProperty("error_description") String errorDescription) {}
