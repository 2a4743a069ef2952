import * as cv from 'class-validator';
import type { ValidationOptions } from 'class-validator';

/** A built-in decorator with arguments, and sample values that pass it or nearly do. */
export interface BuiltinCase {
  name: string;
  decorate(options?: ValidationOptions): PropertyDecorator;
  samples: readonly unknown[];
}

enum Color { Red = 'red', Green = 'green' }
enum Level { Low = 1, High = 2 }
class Marker {}

const DATE = new Date('2020-01-01T00:00:00Z');
const UUID4 = '3b241101-e2bb-4255-8caf-4136c566a962';

/**
 * Every built-in decorator of class-validator 0.15 registered through ValidateBy (registerDecorator),
 * i.e. every built-in except the ones that write other metadata (Allow, IsOptional, ValidateIf,
 * ValidateNested, ValidatePromise, Validate), which have their own families in the test.
 */
export const BUILTIN_CASES: BuiltinCase[] = [
  // common
  { name: 'IsDefined', decorate: (o) => cv.IsDefined(o), samples: [0, 'x'] },
  { name: 'Equals', decorate: (o) => cv.Equals('abc', o), samples: ['abc', 'abd'] },
  { name: 'NotEquals', decorate: (o) => cv.NotEquals(7, o), samples: [7, 8] },
  { name: 'IsEmpty', decorate: (o) => cv.IsEmpty(o), samples: ['', null, undefined] },
  { name: 'IsNotEmpty', decorate: (o) => cv.IsNotEmpty(o), samples: ['', 'x', 0] },
  { name: 'IsIn', decorate: (o) => cv.IsIn(['a', 'b', 3], o), samples: ['a', 'b', 3, 'c'] },
  { name: 'IsNotIn', decorate: (o) => cv.IsNotIn(['a', 1], o), samples: ['a', 1, 'z'] },
  { name: 'IsLatLong', decorate: (o) => cv.IsLatLong(o), samples: ['45.1,-73.5', '91,0', '45.1, -73.5'] },
  { name: 'IsLatitude', decorate: (o) => cv.IsLatitude(o), samples: ['45.5', 45.5, 91, '-90'] },
  { name: 'IsLongitude', decorate: (o) => cv.IsLongitude(o), samples: ['-73.5', 181, 179.9] },
  // number
  { name: 'IsDivisibleBy', decorate: (o) => cv.IsDivisibleBy(3, o), samples: [9, 10, 0, '9'] },
  { name: 'IsPositive', decorate: (o) => cv.IsPositive(o), samples: [1, 0, -1, 0.1] },
  { name: 'IsNegative', decorate: (o) => cv.IsNegative(o), samples: [-1, 0, 1] },
  { name: 'Max', decorate: (o) => cv.Max(10, o), samples: [10, 11, -5, '5'] },
  { name: 'Min', decorate: (o) => cv.Min(-2, o), samples: [-2, -3, 0] },
  // date
  { name: 'MinDate', decorate: (o) => cv.MinDate(DATE, o), samples: [new Date('2021-01-01'), new Date('2019-01-01')] },
  { name: 'MaxDate', decorate: (o) => cv.MaxDate(() => DATE, o), samples: [new Date('2021-01-01'), new Date('2019-01-01')] },
  // string
  { name: 'Contains', decorate: (o) => cv.Contains('ell', o), samples: ['hello', 'help'] },
  { name: 'NotContains', decorate: (o) => cv.NotContains('ell', o), samples: ['hello', 'help'] },
  { name: 'IsAlpha', decorate: (o) => cv.IsAlpha('en-US', o), samples: ['abc', 'ab1', 'äb'] },
  { name: 'IsAlphanumeric', decorate: (o) => cv.IsAlphanumeric(undefined, o), samples: ['ab1', 'ab-1'] },
  { name: 'IsDecimal', decorate: (o) => cv.IsDecimal({ decimal_digits: '2' }, o), samples: ['1.23', '1.234', '-0.10'] },
  { name: 'IsAscii', decorate: (o) => cv.IsAscii(o), samples: ['abc', 'é'] },
  { name: 'IsBase64', decorate: (o) => cv.IsBase64(undefined, o), samples: ['aGVsbG8=', 'aGVsbG8', '!!'] },
  { name: 'IsByteLength', decorate: (o) => cv.IsByteLength(2, 4, o), samples: ['ab', 'abcde', 'é'] },
  { name: 'IsCreditCard', decorate: (o) => cv.IsCreditCard(o), samples: ['4111111111111111', '4111111111111112'] },
  { name: 'IsCurrency', decorate: (o) => cv.IsCurrency(undefined, o), samples: ['$10.00', '10,00', '-$1'] },
  { name: 'IsEmail', decorate: (o) => cv.IsEmail(undefined, o), samples: ['a@b.co', 'a@b', 'a b@c.de'] },
  { name: 'IsFQDN', decorate: (o) => cv.IsFQDN(undefined, o), samples: ['example.com', 'localhost', 'a..b'] },
  { name: 'IsFullWidth', decorate: (o) => cv.IsFullWidth(o), samples: ['ｆｕｌｌ', 'half'] },
  { name: 'IsHalfWidth', decorate: (o) => cv.IsHalfWidth(o), samples: ['half', 'ｆｕｌｌ'] },
  { name: 'IsVariableWidth', decorate: (o) => cv.IsVariableWidth(o), samples: ['ｆull', 'half'] },
  { name: 'IsHexColor', decorate: (o) => cv.IsHexColor(o), samples: ['#fff', '#ggg', 'abcdef'] },
  { name: 'IsHexadecimal', decorate: (o) => cv.IsHexadecimal(o), samples: ['ff', 'fg', '0x1F'] },
  { name: 'IsMACAddress', decorate: (o) => cv.IsMACAddress(o), samples: ['01:23:45:67:89:ab', '01:23:45'] },
  { name: 'IsIP', decorate: (o) => cv.IsIP(4, o), samples: ['127.0.0.1', '::1', '256.0.0.1'] },
  { name: 'IsPort', decorate: (o) => cv.IsPort(o), samples: ['80', '65536', 80] },
  { name: 'IsISBN', decorate: (o) => cv.IsISBN(13, o), samples: ['9780306406157', '9780306406158'] },
  { name: 'IsISIN', decorate: (o) => cv.IsISIN(o), samples: ['US0378331005', 'US0378331006'] },
  { name: 'IsISO8601', decorate: (o) => cv.IsISO8601({ strict: true }, o), samples: ['2024-02-29', '2023-02-29', '2024-01-01T10:00:00Z'] },
  { name: 'IsJSON', decorate: (o) => cv.IsJSON(o), samples: ['{"a":1}', '{a:1}', '1'] },
  { name: 'IsJWT', decorate: (o) => cv.IsJWT(o), samples: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'a.b'] },
  { name: 'IsLowercase', decorate: (o) => cv.IsLowercase(o), samples: ['abc', 'aBc'] },
  { name: 'IsMobilePhone', decorate: (o) => cv.IsMobilePhone('en-US', undefined, o), samples: ['+12025550123', '12345'] },
  { name: 'IsISO31661Alpha2', decorate: (o) => cv.IsISO31661Alpha2(o), samples: ['US', 'ZZ'] },
  { name: 'IsISO31661Alpha3', decorate: (o) => cv.IsISO31661Alpha3(o), samples: ['USA', 'ZZZ'] },
  { name: 'IsISO31661Numeric', decorate: (o) => cv.IsISO31661Numeric(o), samples: ['840', '999'] },
  { name: 'IsMongoId', decorate: (o) => cv.IsMongoId(o), samples: ['507f1f77bcf86cd799439011', '507f1f77'] },
  { name: 'IsMultibyte', decorate: (o) => cv.IsMultibyte(o), samples: ['ｆ', 'f'] },
  { name: 'IsSurrogatePair', decorate: (o) => cv.IsSurrogatePair(o), samples: ['😀', 'a'] },
  { name: 'IsUrl', decorate: (o) => cv.IsUrl(undefined, o), samples: ['https://example.com/x', 'example', 'http://'] },
  { name: 'IsUUID', decorate: (o) => cv.IsUUID('4', o), samples: [UUID4, UUID4.toUpperCase(), 'not-a-uuid'] },
  { name: 'IsFirebasePushId', decorate: (o) => cv.IsFirebasePushId(o), samples: ['-M8hpB4ipBzxD3hMzNTj', 'short'] },
  { name: 'IsUppercase', decorate: (o) => cv.IsUppercase(o), samples: ['ABC', 'AbC'] },
  { name: 'Length', decorate: (o) => cv.Length(2, 5, o), samples: ['ab', 'abcdef', 'a'] },
  { name: 'MaxLength', decorate: (o) => cv.MaxLength(3, o), samples: ['abc', 'abcd'] },
  { name: 'MinLength', decorate: (o) => cv.MinLength(3, o), samples: ['abc', 'ab'] },
  { name: 'Matches', decorate: (o) => cv.Matches(/^[a-z]+\d$/, o), samples: ['abc1', 'abc'] },
  { name: 'Matches(string)', decorate: (o) => cv.Matches('^A', 'i', o), samples: ['abc', 'bca'] },
  { name: 'IsPhoneNumber', decorate: (o) => cv.IsPhoneNumber('US', o), samples: ['+12025550123', '202-555-0123', '123'] },
  { name: 'IsMilitaryTime', decorate: (o) => cv.IsMilitaryTime(o), samples: ['23:59', '24:00'] },
  { name: 'IsHash', decorate: (o) => cv.IsHash('md5', o), samples: ['d41d8cd98f00b204e9800998ecf8427e', 'd41d8'] },
  { name: 'IsISSN', decorate: (o) => cv.IsISSN(undefined, o), samples: ['0378-5955', '0378-5954'] },
  { name: 'IsDateString', decorate: (o) => cv.IsDateString(undefined, o), samples: ['2024-01-01', '2024-13-01', '2024-01-01T00:00:00.000Z'] },
  { name: 'IsBooleanString', decorate: (o) => cv.IsBooleanString(o), samples: ['true', '0', 'yes'] },
  { name: 'IsNumberString', decorate: (o) => cv.IsNumberString(undefined, o), samples: ['12', '12.5', '1e3', 'x'] },
  { name: 'IsBase32', decorate: (o) => cv.IsBase32(o), samples: ['MFRGG===', 'mfrgg'] },
  { name: 'IsBIC', decorate: (o) => cv.IsBIC(o), samples: ['DEUTDEFF', 'DEUT'] },
  { name: 'IsBtcAddress', decorate: (o) => cv.IsBtcAddress(o), samples: ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '1Bv'] },
  { name: 'IsDataURI', decorate: (o) => cv.IsDataURI(o), samples: ['data:text/plain;base64,SGVsbG8=', 'data:'] },
  { name: 'IsEAN', decorate: (o) => cv.IsEAN(o), samples: ['4006381333931', '4006381333932'] },
  { name: 'IsEthereumAddress', decorate: (o) => cv.IsEthereumAddress(o), samples: ['0x52908400098527886E0F7030069857D2E4169EE7', '0x5290'] },
  { name: 'IsHSL', decorate: (o) => cv.IsHSL(o), samples: ['hsl(120,100%,50%)', 'hsl(120,100,50)'] },
  { name: 'IsIBAN', decorate: (o) => cv.IsIBAN(undefined, o), samples: ['GB82WEST12345698765432', 'GB82WEST1234569876543'] },
  { name: 'IsIdentityCard', decorate: (o) => cv.IsIdentityCard('ES', o), samples: ['99999999R', '99999999A'] },
  { name: 'IsISRC', decorate: (o) => cv.IsISRC(o), samples: ['USRC17607839', 'USRC1760783'] },
  { name: 'IsLocale', decorate: (o) => cv.IsLocale(o), samples: ['en-US', 'english'] },
  { name: 'IsMagnetURI', decorate: (o) => cv.IsMagnetURI(o), samples: ['magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a', 'magnet:'] },
  { name: 'IsMimeType', decorate: (o) => cv.IsMimeType(o), samples: ['text/plain', 'text'] },
  { name: 'IsOctal', decorate: (o) => cv.IsOctal(o), samples: ['0o17', '19'] },
  { name: 'IsPassportNumber', decorate: (o) => cv.IsPassportNumber('US', o), samples: ['123456789', '12'] },
  { name: 'IsPostalCode', decorate: (o) => cv.IsPostalCode('US', o), samples: ['12345', '1234'] },
  { name: 'IsRFC3339', decorate: (o) => cv.IsRFC3339(o), samples: ['2024-01-01T10:00:00Z', '2024-01-01'] },
  { name: 'IsRgbColor', decorate: (o) => cv.IsRgbColor(false, o), samples: ['rgb(0,0,0)', 'rgb(0,0)'] },
  { name: 'IsSemVer', decorate: (o) => cv.IsSemVer(o), samples: ['1.2.3', '1.2'] },
  { name: 'IsStrongPassword', decorate: (o) => cv.IsStrongPassword(undefined, o), samples: ['Aa1!aaaa', 'password'] },
  { name: 'IsTimeZone', decorate: (o) => cv.IsTimeZone(o), samples: ['Europe/Paris', 'Mars/Base'] },
  { name: 'IsBase58', decorate: (o) => cv.IsBase58(o), samples: ['3mJr7AoUXx2Wqd', '0OIl'] },
  { name: 'IsTaxId', decorate: (o) => cv.IsTaxId('en-US', o), samples: ['01-1234567', '00-0000000'] },
  { name: 'IsISO4217CurrencyCode', decorate: (o) => cv.IsISO4217CurrencyCode(o), samples: ['EUR', 'EURO'] },
  { name: 'IsISO6391', decorate: (o) => cv.IsISO6391(o), samples: ['en', 'xx'] },
  // type checkers
  { name: 'IsBoolean', decorate: (o) => cv.IsBoolean(o), samples: [true, false, 'true'] },
  { name: 'IsDate', decorate: (o) => cv.IsDate(o), samples: [new Date(1), new Date(NaN)] },
  { name: 'IsNumber', decorate: (o) => cv.IsNumber({ maxDecimalPlaces: 1 }, o), samples: [1.5, 1.25, NaN, Infinity] },
  { name: 'IsEnum', decorate: (o) => cv.IsEnum(Color, o), samples: ['red', 'green', 'blue'] },
  { name: 'IsEnum(numeric)', decorate: (o) => cv.IsEnum(Level, o), samples: [1, 2, 3, 'Low'] },
  { name: 'IsInt', decorate: (o) => cv.IsInt(o), samples: [1, 1.5, -7] },
  { name: 'IsString', decorate: (o) => cv.IsString(o), samples: ['s'] },
  { name: 'IsArray', decorate: (o) => cv.IsArray(o), samples: [[], [1]] },
  { name: 'IsObject', decorate: (o) => cv.IsObject(o), samples: [{}, new Marker()] },
  // arrays
  { name: 'ArrayContains', decorate: (o) => cv.ArrayContains([1, 2], o), samples: [[1, 2, 3], [1]] },
  { name: 'ArrayNotContains', decorate: (o) => cv.ArrayNotContains([1], o), samples: [[2, 3], [1]] },
  { name: 'ArrayNotEmpty', decorate: (o) => cv.ArrayNotEmpty(o), samples: [[1], []] },
  { name: 'ArrayMinSize', decorate: (o) => cv.ArrayMinSize(2, o), samples: [[1, 2], [1]] },
  { name: 'ArrayMaxSize', decorate: (o) => cv.ArrayMaxSize(2, o), samples: [[1, 2], [1, 2, 3]] },
  { name: 'ArrayUnique', decorate: (o) => cv.ArrayUnique(o), samples: [[1, 2], [1, 1]] },
  { name: 'ArrayUnique(identifier)', decorate: (o) => cv.ArrayUnique((item: { id?: number }) => item?.id, o), samples: [[{ id: 1 }, { id: 2 }], [{ id: 1 }, { id: 1 }]] },
  // objects
  { name: 'IsNotEmptyObject', decorate: (o) => cv.IsNotEmptyObject({ nullable: false }, o), samples: [{ a: 1 }, {}, { a: null }] },
  { name: 'IsInstance', decorate: (o) => cv.IsInstance(Marker, o), samples: [new Marker(), {}] },
];

/**
 * The decorators validation plans apply, each covered by test/validation-plan.test.ts (the README
 * lists these as supported): every ValidateBy built-in above, and the ones with their own metadata.
 */
export const SUPPORTED_DECORATORS: readonly string[] = [
  ...new Set(BUILTIN_CASES.map((c) => c.name.replace(/\(.*\)$/, ''))),
  'Allow', 'IsOptional', 'ValidateIf', 'ValidateNested', 'Validate', 'ValidatorConstraint', 'ValidateBy',
].sort();

/** Built-in decorators whose classes are validated by class-validator itself, and why. */
export const FALLBACK_DECORATORS: Readonly<Record<string, string>> = {
  ValidatePromise: 'awaits the property value before validating it, which reorders the errors',
};
