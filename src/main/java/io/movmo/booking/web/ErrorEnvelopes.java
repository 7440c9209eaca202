package io.movmo.booking.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the seed's error envelopes straight onto a response, for filters that answer before any controller. */
@Component
public class ErrorEnvelopes {

    private final JsonMapper json;

    public ErrorEnvelopes(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, String message, String details) {
        return write(response, status, new ErrorResponse(message, status.value(), details));
    }

    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, Object body) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
