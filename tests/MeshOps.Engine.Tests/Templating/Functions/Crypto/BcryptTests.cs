using System.Text;
using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

using static FunctionTestHost;

/// <summary>bcrypt against published vectors (Openwall's crypt_blowfish, golang.org/x/crypto/bcrypt) and Sprig's bcrypt/htpasswd.</summary>
public class BcryptTests
{
    [Theory]
    // Openwall crypt_blowfish (cost 5; $2y$ is the correct algorithm that Go's $2a$ implements).
    [InlineData("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK")]
    [InlineData("U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a")]
    [InlineData("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy")]
    [InlineData("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored",
        "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui")]
    // golang.org/x/crypto/bcrypt's own tests (cost 10).
    [InlineData("allmine", "$2a$10$XajjQvNhvvRt5GSeFk1xFeyqRrsxkhBkUiQeg0dt.wU1qD4aFDcga")]
    [InlineData("012345678901234567890123456789012345678901234567890123456", "$2a$10$XajjQvNhvvRt5GSeFk1xFe5l47dONXg781AmZtd869sO8zfsHuw7C")]
    public void Known_hashes_are_reproduced_and_verified(string password, string hash)
    {
        var bytes = Encoding.ASCII.GetBytes(password);
        var cost = int.Parse(hash.AsSpan(4, 2));
        var salt = Bcrypt.Decode(hash.Substring(7, 22));
        Assert.Equal(hash, Bcrypt.Hash(bytes, cost, salt));
        Assert.True(Bcrypt.Verify(bytes, hash));
        Assert.False(Bcrypt.Verify(Encoding.ASCII.GetBytes("x" + password), hash));
    }

    [Fact]
    public void The_minor_version_letter_is_optional()
    {
        Assert.True(Bcrypt.Verify("U*U"u8, "$2$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
        Assert.True(Bcrypt.Verify("U*U"u8, "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    }

    [Fact]
    public void A_high_byte_password_matches_the_corrected_2y_vector()
    {
        const string hash = "$2y$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq";
        Assert.True(Bcrypt.Verify(new byte[] { 0xA3 }, hash));
        Assert.Equal("$2a" + hash[3..], Bcrypt.Hash(new byte[] { 0xA3 }, 5, Bcrypt.Decode(hash.Substring(7, 22))));
    }

    [Theory]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe")] // too short
    [InlineData("$3a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")] // version too new
    [InlineData("%2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")] // bad prefix
    [InlineData("$2a$32$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")] // cost out of range
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWX")] // one character too many
    public void Malformed_hashes_do_not_verify(string hash)
    {
        Assert.False(Bcrypt.Verify("U*U"u8, hash));
    }

    [Fact]
    public void Sprig_bcrypt_is_a_2a_cost_10_hash_with_a_fresh_salt()
    {
        var first = Render("{{ bcrypt \"correct horse\" }}");
        var second = Render("{{ bcrypt \"correct horse\" }}");
        Assert.Matches(@"^\$2a\$10\$[./A-Za-z0-9]{53}$", first);
        Assert.NotEqual(first, second);
        Assert.True(Bcrypt.Verify("correct horse"u8, first));
        Assert.False(Bcrypt.Verify("correct horsE"u8, first));
    }

    [Fact]
    public void Sprig_bcrypt_reports_a_password_over_72_bytes_as_text()
    {
        Assert.True(Bcrypt.Verify(Encoding.ASCII.GetBytes(new string('a', 72)), Render("{{ bcrypt (repeat 72 \"a\") }}")));
        Assert.Equal("failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes", Render("{{ bcrypt (repeat 73 \"a\") }}"));
    }

    [Fact]
    public void Htpasswd_takes_a_user_and_a_password_and_always_uses_bcrypt()
    {
        var line = Render("{{ htpasswd \"bob\" \"secret\" }}");
        Assert.StartsWith("bob:$2a$10$", line);
        Assert.True(Bcrypt.Verify("secret"u8, line["bob:".Length..]));
        Assert.Equal("invalid username: a:b", Render("{{ htpasswd \"a:b\" \"secret\" }}"));
        // Sprig 3.3.0, which Helm 4.1.4 vendors, has no third (hash algorithm) argument.
        Assert.Equal("wrong number of args for htpasswd: want 2 got 3", CallFails("htpasswd", "bob", "secret", "sha"));
    }
}
