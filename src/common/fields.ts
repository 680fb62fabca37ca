import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

/**
 * Field decorators that validate and document in one place. `optional` fields accept a missing
 * value and null; required ones neither.
 */
interface FieldOptions {
  readonly optional?: boolean;
  readonly description?: string;
  readonly example?: unknown;
}

/** The spec's default string size. */
export const DEFAULT_STRING_LENGTH = 255;

function base(options: FieldOptions, api: ApiPropertyOptions, ...validators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      required: !options.optional,
      nullable: options.optional ? true : undefined,
      description: options.description,
      example: options.example,
      ...api,
    } as ApiPropertyOptions),
    ...(options.optional ? [IsOptional()] : []),
    ...validators,
  );
}

export function StringField(options: FieldOptions & { readonly maxLength?: number; readonly minLength?: number } = {}): PropertyDecorator {
  const maxLength = options.maxLength ?? DEFAULT_STRING_LENGTH;
  const minLength = options.minLength ?? (options.optional ? 0 : 1);
  return base(options, { type: String, maxLength, minLength }, IsString(), MaxLength(maxLength), MinLength(minLength));
}

export function UuidField(options: FieldOptions = {}): PropertyDecorator {
  return base(options, { type: String, format: 'uuid' }, IsUUID('all', { message: ({ property }) => `${property} must be a UUID` }));
}

/** Accepts JSON booleans and the strings "true"/"false" (the spec's examples send `"sensitive": "false"`). */
export function BooleanField(options: FieldOptions = {}): PropertyDecorator {
  return base(
    options,
    { type: Boolean },
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}

export function EnumField(values: readonly string[], options: FieldOptions = {}): PropertyDecorator {
  return base(
    options,
    { enum: [...values], type: String },
    IsIn(values, { message: ({ property }) => `${property} must be one of: ${values.join(', ')}` }),
  );
}

export function IntField(options: FieldOptions & { readonly min?: number; readonly max?: number } = {}): PropertyDecorator {
  const min = options.min ?? 0;
  const max = options.max ?? 2_147_483_647;
  return base(options, { type: Number, minimum: min, maximum: max }, IsInt(), Min(min), Max(max));
}

export function ObjectField(options: FieldOptions = {}): PropertyDecorator {
  return base(options, { type: 'object', additionalProperties: true }, IsObject());
}

export function NestedArrayField(type: () => new () => object, options: FieldOptions & { readonly maxItems: number }): PropertyDecorator {
  return base(
    options,
    { type: () => [type()], maxItems: options.maxItems },
    IsArray(),
    ArrayMaxSize(options.maxItems),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** True for a real calendar date written `yyyy-mm-dd` (2018-02-29 and 2018-13-01 are not). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date as the extractor spec writes it: `yyyy-mm-dd`. */
export function DateField(options: FieldOptions = {}): PropertyDecorator {
  return base(
    options,
    { type: String, format: 'date' },
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) => `${args?.property ?? "date"} must be a real calendar date written yyyy-mm-dd`,
      },
    }),
  );
}
