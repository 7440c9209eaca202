package io.movmo.booking.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Serves the contract itself: the seed's partner API plus this engine's additions. */
@RestController
class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource spec = new ClassPathResource("openapi.yaml");

    @GetMapping("/openapi.yaml")
    Mono<ResponseEntity<Resource>> openApi() {
        return Mono.just(ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(spec));
    }
}
