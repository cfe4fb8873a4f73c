package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.tokens.TokenRef;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a token id ({@code 7}) or a token ({@code AbCd1234EfGh5678}) from the command line. */
final class TokenRefConverter implements ITypeConverter<TokenRef> {
    @Override
    public TokenRef convert(String value) {
        try {
            return TokenRef.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
