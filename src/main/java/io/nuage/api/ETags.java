package io.nuage.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.storage.VolumeExport;
import io.nuage.tenancy.ApiToken;

/**
 * Entity tags of the resources, and the If-Match conditions built from them.
 *
 * <p>A tag is a digest of the resource as the API shows it, not its generation: the generation moves only when the
 * desired state changes, while the status the reconciler observes (phase, conditions, addresses, attachments) changes
 * what a GET shows too, and a strong tag, the only kind If-Match compares (RFC 9110, 13.1.1), must change whenever
 * the representation does. A digest is exact by construction, needs no version column that every writer (the API,
 * the reconciler, the attachment observer) would have to remember to bump, and is the same on every replica: maps
 * are written in key order for it, whatever order they were built in.
 */
@ApplicationScoped
class ETags {

    /** 128 bits of SHA-256: two versions of one resource never share a tag in practice. */
    private static final int TAG_BYTES = 16;

    private final ObjectWriter canonical;

    ETags(ObjectMapper mapper) {
        this.canonical = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** The strong entity tag, quoted, of a resource's representation. */
    String of(Object resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(shown(resource)));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TAG_BYTES)) + '"';
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest a " + resource.getClass().getSimpleName(), e);
        }
    }

    /**
     * What an {@code If-Match} header asks of a write: nothing when there is none; else that the resource's tag is one
     * of those listed (compared strongly: a weak tag names no version), or that the resource exists ({@code *}).
     */
    <T> Precondition<T> ifMatch(String header, String kind, String name) {
        if (header == null) {
            return Precondition.none();
        }
        return current -> {
            String etag = of(current);
            if (!matches(header, etag, false)) {
                throw NuageError.preconditionFailed(kind, name, etag);
            }
        };
    }

    /**
     * Whether a header's list of entity tags, or {@code *}, names {@code etag}. Weakly (If-None-Match) a {@code W/}
     * prefix is ignored; strongly (If-Match) a weak tag matches nothing. A malformed member matches nothing either.
     */
    static boolean matches(String header, String etag, boolean weak) {
        for (String member : header.split(",")) {
            String tag = member.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A created token's or export's answer carries its secret once; its tag is that of the resource as a GET shows it. */
    private static Object shown(Object resource) {
        if (resource instanceof VolumeExport e) {
            return e.withoutToken();
        }
        return resource instanceof TokenCreated c
                ? new ApiToken(c.id(), c.name(), c.role(), c.createdAt(), c.expiresAt(), c.createdBy())
                : resource;
    }
}
