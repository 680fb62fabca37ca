import { Param, ParseIntPipe, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldError } from './errors.js';

/** Global pipe: unknown fields are refused, values are converted, every invalid field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true, // per field: every invalid field is still listed, each once
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailedError([{ field: name, message: 'must be a UUID' }]) }));
}

/** A path parameter that must be a non-negative integer. */
export function IntParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseIntPipe({ exceptionFactory: () => new ValidationFailedError([{ field: name, message: 'must be a whole number' }]) }),
  );
}
