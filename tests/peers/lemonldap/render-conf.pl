#!/usr/bin/perl
# Renders lmConf.json.in for one LemonLDAP::NG portal instance.
# Usage: render-conf.pl TEMPLATE PORTAL_URL STATE_DIR PRIVATE_KEY.pem PUBLIC_KEY.pem > lmConf-1.json
# Values are inserted JSON-escaped, so PEM keys (multi-line) and any state path are safe.
use strict;
use warnings;
use JSON::PP;

die "usage: render-conf.pl TEMPLATE PORTAL_URL STATE_DIR PRIVATE.pem PUBLIC.pem\n" unless @ARGV == 5;
my ( $template, $portal, $state, $priv, $pub ) = @ARGV;
sub slurp { my ($f) = @_; open( my $fh, '<', $f ) or die "render-conf.pl: cannot read $f: $!\n"; local $/; <$fh> }
my %subst = (
    PORTAL      => $portal,
    STATE       => $state,
    PRIVATE_KEY => slurp($priv),
    PUBLIC_KEY  => slurp($pub),
);
my $json = JSON::PP->new->canonical;
my $text = slurp($template);
# Each placeholder stands inside a JSON string: replace it by the escaped value without quotes.
$text =~ s/\@([A-Z_]+)\@/exists $subst{$1} ? substr( $json->encode( [ $subst{$1} ] ), 2, -2 ) : die "render-conf.pl: unknown placeholder $1\n"/ge;
my $conf = eval { $json->decode($text) } or die "render-conf.pl: template is not valid JSON: $@";
print $json->pretty->encode($conf);
